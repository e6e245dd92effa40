import { KeyedGate } from '../src/services/hot-items';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A unit of work that runs until the test lets it finish. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('the hot-item gate', () => {
  it('lets two holders per key through and queues the rest in arrival order', async () => {
    const gate = new KeyedGate(2);
    const started: number[] = [];
    const works = [0, 1, 2, 3].map(() => held());
    const runs = works.map((w, i) =>
      gate.run(['item'], async () => {
        started.push(i);
        await w.done;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    works[1].finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    works[0].finish();
    works[2].finish();
    works[3].finish();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.size).toBe(0);
  });

  it('does not hold back work on other keys', async () => {
    const gate = new KeyedGate(1);
    const busy = held();
    const first = gate.run(['a'], () => busy.done);
    let other = false;
    await gate.run(['b'], async () => {
      other = true;
    });
    expect(other).toBe(true);
    busy.finish();
    await first;
  });

  it('never deadlocks requests that name the same keys in opposite orders', async () => {
    const gate = new KeyedGate(1);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gate.run(i % 2 ? ['x', 'y'] : ['y', 'x'], async () => {
        await tick();
        return i;
      })),
    );
    expect(results).toHaveLength(50);
    expect(gate.size).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const gate = new KeyedGate(1);
    await expect(gate.run(['k'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(['k'], async () => 'next')).resolves.toBe('next');
    expect(gate.size).toBe(0);
  });
});
