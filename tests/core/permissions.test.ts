import { describe, expect, it } from "vitest";
import { ADMIN_ACTIONS, can, OPERATOR_ACTIONS, VIEWS, type Actor } from "@/core/auth/permissions";

const admin: Actor = { id: 1, role: "ADMIN", serviceIds: [] };
const council: Actor = { id: 2, role: "COUNCIL", serviceIds: [] };
const operatorA: Actor = { id: 3, role: "OPERATOR", serviceIds: [10] };
const SERVICE_A = 10;
const SERVICE_B = 20;

describe("who may do what", () => {
  it.each(OPERATOR_ACTIONS)("%s: only an operator of that very service", (action) => {
    expect(can(operatorA, action, SERVICE_A)).toBe(true);
    expect(can(operatorA, action, SERVICE_B)).toBe(false);
    expect(can(operatorA, action)).toBe(false);
    // admins and council members do not speak for an operator
    expect(can(admin, action, SERVICE_A)).toBe(false);
    expect(can(council, action, SERVICE_A)).toBe(false);
  });

  it.each(ADMIN_ACTIONS)("%s: admins only", (action) => {
    expect(can(admin, action)).toBe(true);
    expect(can(council, action)).toBe(false);
    expect(can(operatorA, action, SERVICE_A)).toBe(false);
  });

  it.each(VIEWS)("%s", (view) => {
    expect(can(admin, view)).toBe(true);
    expect(can(operatorA, view)).toBe(false);
    expect(can(council, view)).toBe(view !== "view.users");
  });
});
