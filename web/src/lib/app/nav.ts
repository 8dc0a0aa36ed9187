// The main navigation. A screen appears here once its route exists; add an entry when
// adding a screen (Billing and Insights come with the billing engine screens).
export interface NavItem {
  href: string;
  label: string;
}

export const NAV: NavItem[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/modules', label: 'Modules' },
  { href: '/mapping', label: 'Org mapping' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/billing', label: 'Billing' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/insights', label: 'Insights' },
  { href: '/settings', label: 'Settings' },
];
