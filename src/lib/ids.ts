import { uuidv7 } from "uuidv7";

// Time-ordered ids keep B-tree inserts local and are not guessable like serials.
export const newId = (): string => uuidv7();
