/** One API operation: a camelCase request in, a response out (or a thrown PersonalizeError). */
export type Handler = (request: any) => unknown;

/** Operations by their API names (`CreateDatasetGroup`, ...). */
export type Handlers = Record<string, Handler>;
