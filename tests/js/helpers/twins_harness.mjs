// Runs the browser's ranking and open-now code (generator/assets/) in Node for the Python twins' tests
// (tests/test_open_now.py, tests/test_ranking.py). Reads one JSON request on stdin, writes one JSON answer.
//
//   {"op": "open_state", "cases": [[hours list, ISO instant], ...]}            -> ["open" | "later" | ..., ...]
//   {"op": "rank", "data": listings.json, "runs": [[country or null, ISO instant], ...]}
//                                                                               -> [[listing id, ...] per run]
import fs from "node:fs";

import { Clock } from "../../../generator/assets/finder/clock.js";
import { rankResults, startHereOf } from "../../../generator/assets/finder/ranking.js";
import { decodeData } from "../../../generator/assets/finder/records.js";
import { openState } from "../../../generator/assets/hours.js";

const request = JSON.parse(fs.readFileSync(0, "utf8"));
let answer;
switch (request.op) {
  case "open_state":
    answer = request.cases.map(([hours, instant]) => openState(hours, new Date(instant)));
    break;
  case "rank": {
    const data = decodeData(request.data);
    answer = request.runs.map(([country, instant, language]) => {
      const ranks = new Clock(new Date(instant)).stateRanks(data);
      const context = { country, language, startHere: startHereOf(data, country), state: (l) => ranks[l.position] };
      return rankResults(data, data.listings.map((l) => l.position), context).map((p) => data.listings[p].id);
    });
    break;
  }
  default:
    throw new Error("unknown op " + request.op);
}
process.stdout.write(JSON.stringify(answer));
