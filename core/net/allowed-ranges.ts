import { ADDRESS_RANGES, hostRange, type AddressRange } from "./address-range";

/**
 * The address ranges one probe may connect to: public ones always; a private
 * kind only when the probe's own configured URLs name a host of that kind (the
 * demo's sandbox on 127.0.0.1 keeps working) or the configuration says
 * `allowPrivateNetwork`. A name is not trusted by itself: it is checked after
 * resolution, hop by hop, so a target's DNS or redirect cannot widen this.
 */
export function allowedRanges(configuredUrls: readonly string[], allowPrivateNetwork: boolean): ReadonlySet<AddressRange> {
  if (allowPrivateNetwork) return new Set(ADDRESS_RANGES);
  const allowed = new Set<AddressRange>(["public"]);
  for (const raw of configuredUrls) {
    let host: string;
    try {
      // a flow's placeholders stand for values that come at run time, never for a host the operator chose
      host = new URL(raw.replace(/\{\{[^{}]*\}\}/g, "x")).hostname;
    } catch {
      continue;
    }
    const range = hostRange(host);
    if (range) allowed.add(range);
  }
  return allowed;
}
