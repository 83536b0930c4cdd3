/**
 * A delivery the intake turns down: it gets a `geweigerd` row with this Dutch reason and no
 * records. Anything else thrown during an import is a failure that leaves no row at all.
 */
export class Refusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Refusal';
  }
}
