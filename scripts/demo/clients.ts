// The demo MSP's clients as its PSA names them. Two near-twins (Cedar Dental / Cedar
// Dental Group) keep the suggestion screen honest: it must not guess between them.
export const CLIENTS: readonly string[] = [
  'Brass Building Supplies', 'Rosewood Real Estate Partners', 'Cedar Dental', 'Cedar Dental Group',
  'Harbor Point Logistics', 'Juniper Legal', 'Northwind Veterinary Clinic', 'Bluebird Bakery',
  'Summit Ridge Accounting', 'Oakline Manufacturing', 'Pioneer Valley Credit Union', 'Greenleaf Landscaping',
  'Silver Lake Orthodontics', 'Maple & Main Insurance', 'Redstone Construction', 'Lighthouse Family Medicine',
  'Evergreen Property Management', 'Copperfield Engineering', 'Westbrook Public Library', 'Stonegate Wealth Advisors',
  'Falcon Freight Services', 'Bright Horizons Montessori', 'Ironwood Auto Group', 'Clearwater Pediatrics',
  'Atlas Architecture Studio', 'Meadowbrook Senior Living', 'Crescent City Brewing', 'Granite State Plumbing',
  'Beacon Hill Chiropractic', 'Riverside Title & Escrow', 'Aspen Grove Hotel', 'Keystone Staffing Solutions',
  'Willow Creek Animal Hospital', 'Sterling Printing Company', 'Blue Ridge Outfitters', 'Coastal Marine Supply',
  'Hawthorne & Pike Law Offices', 'Prairie Wind Energy', 'Mosaic Marketing Agency', 'Tidewater Medical Billing',
];
