// The entry of the database writer's thread. A worker thread does not inherit the
// process's TypeScript loader (tsx), so it loads the writer through tsx's API.
import { tsImport } from "tsx/esm/api";

await tsImport("./database-writer.ts", import.meta.url);
