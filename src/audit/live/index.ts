/** Every audit check that needs a running database, one per file. */
import { autovacuumDisabled } from './autovacuum-disabled.js';
import { extensionOutdated } from './extension-outdated.js';
import { foreignTableInApi } from './foreign-table-in-api.js';
import { insecureQueueExposed } from './insecure-queue-exposed.js';
import { invalidIndex } from './invalid-index.js';
import { publicBucketAllowsListing } from './public-bucket-allows-listing.js';
import { tableBloat } from './table-bloat.js';
import type { LiveAuditRule } from './types.js';
import { unusedIndex } from './unused-index.js';
import { unusedReplicationSlot } from './unused-replication-slot.js';

export const LIVE_RULES: LiveAuditRule[] = [invalidIndex, foreignTableInApi, insecureQueueExposed, autovacuumDisabled, publicBucketAllowsListing, unusedReplicationSlot, unusedIndex, tableBloat, extensionOutdated];
