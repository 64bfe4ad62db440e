import { describe, expectTypeOf, it } from 'vitest';
import type { ClientFile, DecisionSummary, Refine } from './api-types';

// Type-level checks: the compiler (npm run build, tsc) fails on a line marked @ts-expect-error that
// has no error, so these prove that a refinement cannot drift from the OpenAPI description.
type Described = { probability: number; decision: string; explanation: { top: { value: number }[] } };

describe('Refine', () => {
  it('lets a described field be null or narrower', () => {
    expectTypeOf<Refine<Described, { probability: number | null }>['probability']>().toEqualTypeOf<number | null>();
    expectTypeOf<Refine<Described, { decision: 'GRANTED' | 'REFUSED' }>['decision']>().toEqualTypeOf<'GRANTED' | 'REFUSED'>();
    expectTypeOf<Refine<Described, { explanation: { top: { value: number | null }[] } | null }>['explanation']>().toEqualTypeOf<{
      top: { value: number | null }[];
    } | null>();
    expectTypeOf<Refine<Described, { probability: number | null }>['decision']>().toEqualTypeOf<string>();
  });

  it('refuses a field the description does not have, or another type', () => {
    // @ts-expect-error the description has no field "score"
    expectTypeOf<Refine<Described, { score: number }>>().not.toBeNever();
    // @ts-expect-error "decision" is a string in the description
    expectTypeOf<Refine<Described, { decision: number }>>().not.toBeNever();
    // @ts-expect-error a nested field keeps its type too
    expectTypeOf<Refine<Described, { explanation: { top: { value: string }[] } }>>().not.toBeNever();
  });
});

describe('the API types', () => {
  it('come from the description, refined', () => {
    expectTypeOf<DecisionSummary['decision']>().toEqualTypeOf<'GRANTED' | 'REVIEW' | 'REFUSED'>();
    expectTypeOf<DecisionSummary['probability']>().toEqualTypeOf<number>();
    expectTypeOf<ClientFile['decision']>().toEqualTypeOf<DecisionSummary | null>();
    expectTypeOf<ClientFile['displayName']>().toEqualTypeOf<string>();
  });
});
