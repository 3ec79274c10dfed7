import { describe, expect, it } from "vitest";
import { placeAmong } from "./place";

describe("placing a tool made after clustering", () => {
  const placed = [
    { embedding: [1, 0, 0], x: 10, y: 10 },
    { embedding: [0.9, 0.1, 0], x: 12, y: 8 },
    { embedding: [0, 1, 0], x: -10, y: -10 },
    { embedding: [0, 0, 1], x: 50, y: -50 },
  ];

  it("lands among its most similar tools, weighted by similarity", () => {
    const at = placeAmong([1, 0.05, 0], placed, 2)!;
    expect(at.x).toBeGreaterThan(10);
    expect(at.x).toBeLessThan(12);
    expect(at.y).toBeGreaterThan(8);
    expect(at.y).toBeLessThan(10);
  });

  it("takes a vector's direction, not its length", () => {
    expect(placeAmong([3, 0, 0], placed, 1)).toEqual({ x: 10, y: 10 });
  });

  it("has no place without a placed tool of its dimension, or for a zero vector", () => {
    expect(placeAmong([1, 0], placed)).toBeNull();
    expect(placeAmong([0, 0, 0], placed)).toBeNull();
  });
});
