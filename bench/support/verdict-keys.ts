// Bench datasets write verdicts row by row without their lookup expressions; this fills them (and the
// change feed's keys) as migration 0013 fills stored rows, with the same registered SQL functions
// (lib/db/migration-functions.ts), so a dataset's verdicts are keyed exactly as the app keys them.
import type Database from "better-sqlite3";
import { registerMigrationFunctions } from "@/lib/db/migration-functions";

export function fillVerdictKeys(sqlite: Database.Database): void {
  registerMigrationFunctions(sqlite);
  sqlite.transaction(() => {
    sqlite.exec(`
      update verdicts set expression = ld_url_expression(l.canonical_url), required_params = ld_url_params(l.canonical_url)
        from links l where verdicts.scope = 'url' and verdicts.expression is null and l.id = verdicts.link_id;
      update verdicts set expression = domain || '/' where scope = 'domain' and expression is null;
      update verdicts set expression_key = ld_sha256(expression) where expression_key is null;
      update verdict_changes set key = v.expression_key, params = ld_param_keys(v.required_params)
        from verdicts v where v.id = verdict_changes.verdict_id and verdict_changes.key <> v.expression_key;`);
  })();
}
