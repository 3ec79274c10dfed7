import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Sink } from "./write-records";

describe("the record sink", () => {
  it("waits for a slow stream without leaving listeners behind, and writes every line in order", async () => {
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString());
        setImmediate(done);
      },
    });
    const baseline = { close: slow.listenerCount("close"), error: slow.listenerCount("error"), drain: slow.listenerCount("drain") };
    const sink = new Sink(slow);
    for (let i = 0; i < 200; i++) await sink.write([`{"n":${i}}\n`]);
    expect(received.join("")).toBe(Array.from({ length: 200 }, (_, i) => `{"n":${i}}\n`).join(""));
    expect(sink.stats()).toMatchObject({ records: 200 });
    // the sink's own error listener stays; each wait's listeners are gone
    expect({ close: slow.listenerCount("close"), error: slow.listenerCount("error") - 1, drain: slow.listenerCount("drain") }).toEqual(baseline);
  });
});
