// Password strength with zxcvbn-ts (dictionaries of common passwords, names and English words, plus patterns
// such as keyboard walks, repeats, sequences, dates and l33t substitutions that breached-password lists are
// full of). Used wherever a password is chosen: invitation acceptance (sign-up) and password changes.

import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../http/errors.ts';

/** zxcvbn's score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

function checker(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** The score of a password, with words the user's own details make easy to guess counted as dictionary words. */
export function passwordScore(password: string, userInputs: string[] = []): number {
  return checker().check(password, userInputs).score;
}

/** Throws 400 `weak_password` (field `password`) when the password is too easy to guess. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  if (passwordScore(password, userInputs) >= MIN_SCORE) return;
  throw new AppError('validation_failed', 'This password is too easy to guess.', {
    fields: { password: 'weak_password' },
  });
}
