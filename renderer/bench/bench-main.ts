// bench entry: written by the bench harness
export {};
