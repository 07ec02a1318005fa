/** The Plex Pass subscription of an account, and the entries of its `subscriptions` history. */
import { extras, type Wire } from '../wire/wire.js';
import { bool, date, str } from './read.js';

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

const SUBSCRIPTION_KEYS = new Set([
  'active',
  'subscribedAt',
  'status',
  'paymentService',
  'plan',
  'features',
  'feature',
]);

export function decodeSubscription(w: Wire): Subscription {
  // Legacy account XML puts <feature id=…/> straight under <subscription>, with no <features> wrapper.
  const features =
    w.strings('features') ??
    w
      .repeated('feature')
      .map((f) => str(f, 'id'))
      .filter((f): f is string => f !== undefined);
  return {
    active: bool(w, 'active'),
    subscribedAt: date(w, 'subscribedAt'),
    status: str(w, 'status'),
    paymentService: str(w, 'paymentService'),
    plan: str(w, 'plan'),
    features,
    extra: extras(w, SUBSCRIPTION_KEYS),
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
const ENTRY_KEYS = new Set<string>([
  'id',
  'mode',
  'type',
  'state',
  'renewsAt',
  'endsAt',
  'transfer',
  'billing',
  ...ENTRY_FLAGS,
]);

export function decodeAccountSubscription(w: Wire): AccountSubscription {
  const entry: AccountSubscription = {
    id: str(w, 'id'),
    mode: str(w, 'mode'),
    type: str(w, 'type'),
    state: str(w, 'state'),
    renewsAt: date(w, 'renewsAt'),
    endsAt: date(w, 'endsAt'),
    transfer: str(w, 'transfer'),
    extra: extras(w, ENTRY_KEYS),
  };
  for (const flag of ENTRY_FLAGS) entry[flag] = bool(w, flag);
  const billing = w.object('billing');
  if (billing) {
    entry.billing = {
      paymentMethodId: str(billing, 'paymentMethodId'),
      extra: extras(billing, new Set(['paymentMethodId'])),
    };
  }
  return entry;
}
