// What the browser and the server share about versions.
export const LABEL_MAX = 100;
