import { allowsSomewhere } from '../../../../src/domain/access.js';
import { NOTIFY_RIGHTS, type NotifyAction } from '../../../../src/modules/notify/policy.js';
import { principalOf } from '../../access';
import type { User } from '../../api/types';

/** Whether the user's roles allow a notification action somewhere (the server checks the scope). */
export const can = (user: User, action: NotifyAction): boolean => allowsSomewhere(principalOf(user), NOTIFY_RIGHTS, action);
