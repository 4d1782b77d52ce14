/**
 * Who may do what. Public readers need no account. Council members read the
 * internal views. Operators speak for their own services only. Admins (the
 * citizen group running the instance) manage accounts, resolve disputes and
 * decide on agents' held batches; they do not speak for an operator. Pure, so
 * the whole table is tested.
 */
export const ROLES = ["ADMIN", "COUNCIL", "OPERATOR"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = { id: number; role: Role; serviceIds: readonly number[] };

export const OPERATOR_ACTIONS = ["outage.acknowledge", "outage.update", "outage.dispute", "maintenance.announce"] as const;
export const ADMIN_ACTIONS = ["dispute.resolve", "user.manage", "agent_batch.release", "surge.record_incident"] as const;
export const VIEWS = ["view.deliveries", "view.disputes", "view.users", "view.agents"] as const;
export type Action = (typeof OPERATOR_ACTIONS)[number] | (typeof ADMIN_ACTIONS)[number] | (typeof VIEWS)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** `serviceId` is required for the operator actions: the service the outage or announcement belongs to. */
export function can(actor: Actor, action: Action, serviceId?: number): boolean {
  switch (action) {
    case "outage.acknowledge":
    case "outage.update":
    case "outage.dispute":
    case "maintenance.announce":
      return actor.role === "OPERATOR" && serviceId !== undefined && actor.serviceIds.includes(serviceId);
    case "dispute.resolve":
    case "user.manage":
    case "agent_batch.release":
    case "surge.record_incident":
    case "view.users":
      return actor.role === "ADMIN";
    case "view.deliveries":
    case "view.disputes":
    case "view.agents":
      return actor.role === "ADMIN" || actor.role === "COUNCIL";
  }
}
