-- Large change values are stored once, compressed (docs/edge-storage.md). A change whose
-- fields carry a large value (a posted invoice's lines with their frozen daily quantities)
-- keeps its small fields as JSON text in `fields`, the large ones as null there, and the large
-- ones as a raw DEFLATE blob of their JSON object in `packed`; reading puts them back in place.
-- Rows written before have `packed` NULL and are read as they are.
-- upload_parts.orgs likewise holds new parts as DEFLATE blobs (older parts stay JSON text).
ALTER TABLE changes ADD COLUMN packed BLOB;
