// Moved to fanout/fieldMask.ts; accountIngest.ts and startAccount.ts still import it from here
// until their owners move the import (then this file goes).
export { createFieldMask, type FieldMask } from "../fanout/fieldMask.js";
