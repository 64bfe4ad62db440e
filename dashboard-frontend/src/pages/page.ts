// What every page is: a function that draws itself into the main element (with the route's
// argument, e.g. a client id) and returns what to undo when the advisor leaves it (listeners,
// timers). main.ts routes the hash (#/live, #/client/ID, ...) to these functions.

export type Cleanup = () => void;
