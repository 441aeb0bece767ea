/** Schema pieces every route shares: paging, error body, decimal strings. */
import { Type, type TSchema } from '@sinclair/typebox';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.Object({ zh: Type.String(), en: Type.String() }),
    details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    requestId: Type.String(),
  }),
});

export const DecimalString = Type.String({ pattern: '^-?\\d{1,18}(\\.\\d{1,12})?$' });

export const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function page(limit: number | undefined, offset: number | undefined) {
  return { limit: limit ?? 20, offset: offset ?? 0 };
}
