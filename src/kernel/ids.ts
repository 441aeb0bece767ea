import { randomBytes, randomUUID } from 'node:crypto';

/** A new identifier for a stored entity: a UUID v4, lower case. */
export const newId = (): string => randomUUID();

/** A CEB message guid: 36 characters, upper case, as the standard asks. */
export const newGuid = (): string => randomUUID().toUpperCase();

/** A secret of `bytes` random bytes, base64url. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
