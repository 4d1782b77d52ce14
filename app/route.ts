/** `/` → the Korean home page. A relative Location keeps it right behind any proxy. */
export function GET(): Response {
  return new Response(null, { status: 307, headers: { Location: "/ko" } });
}
