-- Heals what the counter overflow (a clock counter pushed past six digits) left behind, and
-- lets a change with the same record and clock but another value be kept beside the first.

-- A clock whose counter outgrew its six digits is read as the next millisecond, counter 0,
-- which is where the edge now rolls over to; anything else unreadable is forgotten (the
-- edge restarts its clock from wall time and the clocks it receives). A readable clock is
-- 15 digits, '-', 6 digits, '-', an origin (checked piece by piece: D1 refuses long GLOBs).
UPDATE tenants SET clock = printf('%015d-000000-%s', CAST(substr(clock, 1, instr(clock, '-') - 1) AS INTEGER) + 1, substr(substr(clock, instr(clock, '-') + 1), instr(substr(clock, instr(clock, '-') + 1), '-') + 1))
WHERE clock <> '' AND NOT (length(clock) > 23 AND substr(clock, 16, 1) = '-' AND substr(clock, 23, 1) = '-' AND substr(clock, 1, 15) NOT GLOB '*[^0-9]*' AND substr(clock, 17, 6) NOT GLOB '*[^0-9]*') AND clock GLOB '[0-9]*-[0-9]*-?*';
UPDATE tenants SET clock = '' WHERE clock <> '' AND NOT (length(clock) > 23 AND substr(clock, 16, 1) = '-' AND substr(clock, 23, 1) = '-' AND substr(clock, 1, 15) NOT GLOB '*[^0-9]*' AND substr(clock, 17, 6) NOT GLOB '*[^0-9]*');
UPDATE changes SET hlc = printf('%015d-000000-%s', CAST(substr(hlc, 1, instr(hlc, '-') - 1) AS INTEGER) + 1, substr(substr(hlc, instr(hlc, '-') + 1), instr(substr(hlc, instr(hlc, '-') + 1), '-') + 1))
WHERE NOT (length(hlc) > 23 AND substr(hlc, 16, 1) = '-' AND substr(hlc, 23, 1) = '-' AND substr(hlc, 1, 15) NOT GLOB '*[^0-9]*' AND substr(hlc, 17, 6) NOT GLOB '*[^0-9]*') AND hlc GLOB '[0-9]*-[0-9]*-?*';

-- The identity index dropped a second value for the same record and clock, so browsers
-- that had seen different values never converged. The edge now keeps every distinct value
-- (an identical re-push is still stored once, checked on insert) and every browser applies
-- the same tie rule to them (see shared/sync/merge.ts).
DROP INDEX changes_identity;
CREATE INDEX changes_by_record_clock ON changes(tenant_id, tbl, record_id, hlc);
