#!/usr/bin/env node
// The auditor CLI (`npx ledger <command>`): loads the TypeScript sources through tsx.
import { register } from "tsx/esm/api";
import path from "node:path";
import { pathToFileURL } from "node:url";

register({ tsconfig: path.resolve(import.meta.dirname, "../tsconfig.json") });
await import(pathToFileURL(path.resolve(import.meta.dirname, "../cli/main.ts")).href);
