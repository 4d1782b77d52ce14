import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * The shipped nginx configuration (deploy/nginx/uptime-ledger.conf), run for real: Debian's nginx as a
 * child process with its own prefix and a free loopback port, its upstream block pointed at `upstreams`
 * (host:port of each instance's public port). Needs nginx installed (.ci/run installs it).
 */
export const NGINX = "/usr/sbin/nginx";

export type RunningNginx = { base: string; port: number; stop: () => Promise<void> };

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The shipped file with its addresses and paths pointed at this run; each replacement must apply. */
export function siteConfig(port: number, upstreams: string[], cacheDir: string): string {
  let conf = readFileSync(path.resolve(import.meta.dirname, "../../deploy/nginx/uptime-ledger.conf"), "utf8");
  const replace = (from: RegExp, to: string) => {
    if (!from.test(conf)) throw new Error(`deploy/nginx/uptime-ledger.conf no longer has ${from}`);
    conf = conf.replace(from, to);
  };
  replace(/server 127\.0\.0\.1:3000 [^;]*;\n\s*server 127\.0\.0\.1:3100 [^;]*;/, upstreams.map((u) => `server ${u};`).join("\n"));
  replace(/proxy_cache_path \S+/, `proxy_cache_path ${cacheDir}`);
  replace(/listen 80;\n\s*listen \[::\]:80;/, `listen 127.0.0.1:${port};`);
  return conf;
}

export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx (Debian's package; .ci/run installs it)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-nginx-"));
  chmodSync(dir, 0o755); // nginx's workers run as another user when started by root
  const port = await freePort();
  writeFileSync(path.join(dir, "uptime-ledger.conf"), siteConfig(port, upstreams, path.join(dir, "cache")));
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${path.join(dir, t)};`).join("\n  ");
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;\nerror_log ${path.join(dir, "error.log")} warn;\npid ${path.join(dir, "nginx.pid")};\nevents { worker_connections 256; }\n` +
      `http {\n  access_log off;\n  ${temp}\n  include ${path.join(dir, "uptime-ledger.conf")};\n}\n`,
  );
  const nginx: ChildProcess = spawn(NGINX, ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  nginx.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const up = await new Promise<boolean>((resolve) =>
      net
        .connect(port, "127.0.0.1")
        .on("connect", function (this: net.Socket) {
          this.destroy();
          resolve(true);
        })
        .on("error", () => resolve(false)),
    );
    if (up) break;
    if (i > 100) throw new Error(`nginx did not listen: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once("exit", r));
        nginx.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
