import { parseRational, type Rational } from "./rational";

/**
 * Legal ceilings on delay damages (지체상금), as data. Sources: 국가계약법 시행규칙 §75 and
 * 지방계약법 시행규칙 §75 (rates per day of the contract amount); total capped at 30%
 * of the contract amount (국가계약법 시행령 §74, 지방계약법 시행령 §90). A local-government
 * contract rate above the ceiling is void for the excess (대법원 2022.4.28. 2020다230352).
 * Verify against law.go.kr before relying on them.
 */
export const CONTRACT_TYPES = ["services", "goods", "construction", "transport"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const JURISDICTIONS = ["local", "national"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

const RATES: Record<Jurisdiction, Partial<Record<ContractType, string>>> = {
  local: { services: "1.3/1000", goods: "0.8/1000", construction: "0.5/1000" },
  national: { services: "1.25/1000", goods: "0.75/1000", construction: "0.5/1000", transport: "2.5/1000" },
};

export const DELAY_CAP_CEILING: Rational = parseRational("30%")!;

export const LEGAL_SOURCES: Record<Jurisdiction, string> = {
  local: "지방계약법 시행규칙 제75조 (지체상금률), 지방계약법 시행령 제90조 (30% 한도)",
  national: "국가계약법 시행규칙 제75조 (지체상금률), 국가계약법 시행령 제74조 (30% 한도)",
};

export function delayRateCeiling(jurisdiction: Jurisdiction, type: ContractType): Rational | null {
  const text = RATES[jurisdiction][type];
  return text ? parseRational(text) : null;
}
