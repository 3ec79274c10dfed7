import { pickOne, randInt, type Rng } from "../random";

// Word problems whose numbers are drawn from the seed and whose answers are
// computed here, exactly: a verifier is only worth having if it is right.

export type MathProblem = { topic: string; statement: string; answer: string };

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

function fraction(p: number, q: number): string {
  const g = gcd(p, q);
  const [n, d] = [p / g, q / g];
  return d === 1 ? String(n) : `${n}/${d}`;
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

const PROBLEMS: ((rng: Rng) => MathProblem)[] = [
  (rng) => {
    const [a, d, b, e] = [randInt(rng, 12, 480), randInt(rng, 2, 20), randInt(rng, 12, 480), randInt(rng, 2, 20)];
    return {
      topic: "arithmetic",
      statement: `A warehouse ships ${a} parcels a day for ${d} days, then ${b} parcels a day for the next ${e} days. How many parcels does it ship in total?`,
      answer: String(a * d + b * e),
    };
  },
  (rng) => {
    const [a, b] = [randInt(rng, 4, 45), randInt(rng, 4, 45)];
    return {
      topic: "number theory",
      statement: `One shuttle leaves the depot every ${a} minutes and another every ${b} minutes. Both leave together at 08:00. After how many minutes do they next leave together?`,
      answer: String((a * b) / gcd(a, b)),
    };
  },
  (rng) => {
    const [x, a, b] = [randInt(rng, -20, 40), randInt(rng, 2, 12), randInt(rng, -50, 50)];
    return { topic: "algebra", statement: `Solve for x: ${a}x ${b < 0 ? "-" : "+"} ${Math.abs(b)} = ${a * x + b}.`, answer: String(x) };
  },
  (rng) => {
    const [a, b, drawn] = [randInt(rng, 2, 9), randInt(rng, -30, 30), randInt(rng, 2, 9)];
    const c = drawn === a ? a + 1 : drawn;
    return {
      topic: "algebra",
      statement: `Solve for x as an exact fraction in lowest terms: ${a}x = ${b} + ${c}x.`,
      answer: fraction((a - c < 0 ? -1 : 1) * b, Math.abs(a - c)),
    };
  },
  (rng) => {
    const [n, k] = [randInt(rng, 5, 16), randInt(rng, 2, 4)];
    return { topic: "combinatorics", statement: `In how many ways can a team of ${k} be chosen from ${n} people?`, answer: String(choose(n, k)) };
  },
  (rng) => {
    const [first, step, count] = [randInt(rng, 1, 50), randInt(rng, 2, 15), randInt(rng, 5, 40)];
    return {
      topic: "series",
      statement: `A savings plan deposits ${first} coins in week 1 and ${step} more each week than the week before. How many coins are deposited over ${count} weeks?`,
      answer: String((count * (2 * first + (count - 1) * step)) / 2),
    };
  },
  (rng) => {
    const [red, blue] = [randInt(rng, 2, 12), randInt(rng, 2, 12)];
    return {
      topic: "probability",
      statement: `A bag holds ${red} red and ${blue} blue marbles. Two are drawn without replacement. What is the probability that both are red, as a fraction in lowest terms?`,
      answer: fraction(red * (red - 1), (red + blue) * (red + blue - 1)),
    };
  },
  (rng) => {
    const [cents, off, tax] = [randInt(rng, 1000, 90000), pickOne(rng, [5, 10, 15, 20, 25, 30]), pickOne(rng, [5, 8, 10, 20])];
    // integer arithmetic in hundredths of a cent, rounded half up to the cent
    const total = Math.floor((cents * (100 - off) * (100 + tax) + 5000) / 10000);
    return {
      topic: "percentages",
      statement: `An item costs $${(cents / 100).toFixed(2)}. It is discounted by ${off}%, then ${tax}% tax is added to the discounted price. What is the final price in dollars, rounded to the cent?`,
      answer: (total / 100).toFixed(2),
    };
  },
];

export function mathProblem(rng: Rng): MathProblem {
  return pickOne(rng, PROBLEMS)(rng);
}
