import { badUserInput } from '@shop/platform';

export function assertRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw badUserInput('A rating is a whole number from 1 to 5.', [{ field: 'rating', message: 'must be 1..5' }]);
  }
}
