// The AppError a call fails with, for tests of lib functions that must refuse (the test fails if it resolves).
import { expect } from 'vitest';
import { AppError } from '../../lib/errors';

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
