/** The Plex Pass subscription of an account, and the entries of its `subscriptions` history. */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import { str } from './read.js';

/** `Active` / `Inactive` today; open, because plex.tv adds states without notice. */
export type SubscriptionStatus = 'Active' | 'Inactive' | (string & {});

/** `account.subscription`: is Plex Pass on, since when, through what, and which features it unlocks. */
export interface Subscription {
  active?: boolean;
  subscribedAt?: Date;
  status?: SubscriptionStatus;
  /** e.g. `braintree`, `itunes`. */
  paymentService?: string;
  /** e.g. `lifetime`, `monthly`, `yearly`. */
  plan?: string;
  /** Feature flags the subscription unlocks (e.g. `webhooks`, `hwtranscode`). */
  features: string[];
  /** Fields plex.tv sent that this model does not name. */
  extra: Record<string, unknown>;
}

const SUBSCRIPTION = new FieldTable(
  [
    ['active', 'bool'],
    ['subscribedAt', 'date'],
    ['status', 'str'],
    ['paymentService', 'str'],
    ['plan', 'str'],
  ],
  ['features', 'feature'],
);

export function decodeSubscription(w: Wire): Subscription {
  // Legacy account XML puts <feature id=…/> straight under <subscription>, with no <features> wrapper.
  const features =
    w.strings('features') ??
    w
      .repeated('feature')
      .map((f) => str(f, 'id'))
      .filter((f): f is string => f !== undefined);
  const v = SUBSCRIPTION.read(w);
  return {
    active: v[0],
    subscribedAt: v[1],
    status: v[2],
    paymentService: v[3],
    plan: v[4],
    features,
    extra: v[5],
  };
}

/** Billing details of a subscription entry (XML only). */
export interface SubscriptionBilling {
  paymentMethodId?: string;
  extra: Record<string, unknown>;
}

/**
 * One entry of `subscriptions`, `pastSubscriptions` or `trials`. The flags (`canceled` … `canConvert`) and
 * `billing` appear in plex.tv's XML only; its JSON leaves them out.
 */
export interface AccountSubscription {
  id?: string;
  /** e.g. `lifetime`. */
  mode?: string;
  /** e.g. `plexpass`. */
  type?: string;
  /** e.g. `active`. */
  state?: string;
  renewsAt?: Date;
  endsAt?: Date;
  canceled?: boolean;
  gracePeriod?: boolean;
  onHold?: boolean;
  canReactivate?: boolean;
  canUpgrade?: boolean;
  canDowngrade?: boolean;
  canConvert?: boolean;
  /** Raw value: `"0"` in XML, `null` in JSON; its meaning is not documented. */
  transfer?: string;
  billing?: SubscriptionBilling;
  extra: Record<string, unknown>;
}

const ENTRY_FLAGS = [
  'canceled',
  'gracePeriod',
  'onHold',
  'canReactivate',
  'canUpgrade',
  'canDowngrade',
  'canConvert',
] as const;
const ENTRY = new FieldTable(
  [
    ['id', 'str'],
    ['mode', 'str'],
    ['type', 'str'],
    ['state', 'str'],
    ['renewsAt', 'date'],
    ['endsAt', 'date'],
    ['transfer', 'str'],
    ...ENTRY_FLAGS.map((flag) => [flag, 'bool'] as const),
  ],
  ['billing'],
);
const BILLING = new FieldTable([['paymentMethodId', 'str']]);

export function decodeAccountSubscription(w: Wire): AccountSubscription {
  const v = ENTRY.read(w);
  const entry: AccountSubscription = {
    id: v[0],
    mode: v[1],
    type: v[2],
    state: v[3],
    renewsAt: v[4],
    endsAt: v[5],
    transfer: v[6],
    extra: v[14],
    canceled: v[7],
    gracePeriod: v[8],
    onHold: v[9],
    canReactivate: v[10],
    canUpgrade: v[11],
    canDowngrade: v[12],
    canConvert: v[13],
  };
  const billing = w.object('billing');
  if (billing) {
    const b = BILLING.read(billing);
    entry.billing = { paymentMethodId: b[0], extra: b[1] };
  }
  return entry;
}
