import { createHash } from 'node:crypto';
import { PersonalizeEmulator } from '../personalize-emulator';
import { recipeNameOf, RECIPES } from '../recipes';

/**
 * The errors of the Personalize Runtime model (source: @aws-sdk/client-personalize-runtime, models: InvalidInputException,
 * ResourceNotFoundException; API reference, GetRecommendations: Errors), plus ThrottlingException from the AWS front end
 * (Personalize CommonErrors page), which the model does not know.
 */
export type RuntimeErrorName = 'InvalidInputException' | 'ResourceNotFoundException' | 'ThrottlingException';

const MODELED: readonly string[] = ['InvalidInputException', 'ResourceNotFoundException'];

/**
 * An error as Personalize Runtime answers it. Step Functions names an SDK integration's error `<Service>.<Error>`, the
 * service in PascalCase (source: Step Functions developer guide, "supported-services-awssdk": `acmpca` errors are
 * `AcmPca.ResourceNotFoundException`), so `PersonalizeRuntime.<Name>`; an unmodeled one takes the SDK's base class,
 * `PersonalizeRuntime.PersonalizeRuntimeException`, as the Personalize face does (see simulator/emulator/runtime/README.md).
 */
export class PersonalizeRuntimeError extends Error {
  constructor(public readonly errorName: RuntimeErrorName, message: string) {
    super(message);
    this.name = errorName;
  }

  /** The `Error` a Step Functions SDK integration reports. */
  get stepFunctionsError(): string {
    return `PersonalizeRuntime.${MODELED.includes(this.errorName) ? this.errorName : 'PersonalizeRuntimeException'}`;
  }
}

/** One GetRecommendations or GetActionRecommendations call the emulator answered (or refused). */
export interface RuntimeCall {
  readonly operation: string;
  readonly request: Record<string, unknown>;
  readonly error?: string;
  readonly itemIds?: string[];
  readonly actionIds?: string[];
}

/** A fault a test asks for: an empty answer or an error, for one ARN or any, a number of times or always. */
interface RuntimeFault {
  readonly arn?: string;
  readonly error?: { name: RuntimeErrorName; message: string };
  times?: number;
}

/** The request of GetRecommendations, camelCase as the SDK sends it. */
export interface GetRecommendationsRequest {
  readonly campaignArn?: string;
  readonly recommenderArn?: string;
  readonly userId?: string;
  readonly itemId?: string;
  readonly numResults?: number;
  readonly filterArn?: string;
}

/** The request of GetActionRecommendations (API reference: campaignArn, userId, numResults, filterArn, filterValues). */
export interface GetActionRecommendationsRequest {
  readonly campaignArn?: string;
  readonly userId?: string;
  readonly numResults?: number;
  readonly filterArn?: string;
}

/** Source: API reference, GetActionRecommendations, numResults ("The default is 5. The maximum is 100."). */
const DEFAULT_ACTION_RESULTS = 5;
const MAX_ACTION_RESULTS = 100;

/** Source: API reference, GetRecommendations, numResults ("The default is 25 ... Otherwise, the maximum is 500"). */
const DEFAULT_RESULTS = 25;
const MAX_RESULTS = 500;
/** Source: API reference, GetRecommendations, userId and itemId (Length Constraints: Maximum length of 256). */
const MAX_ID_LENGTH = 256;
const IDS = ['userId', 'itemId'] as const;

/**
 * An in-memory Amazon Personalize Runtime (`GetRecommendations`, and `GetActionRecommendations` on Next-Best-Action campaigns) over the campaigns and recommenders of a
 * PersonalizeEmulator. A campaign or recommender must exist and be ACTIVE; what it needs (a user, an item) follows its
 * recipe's type (campaigns) or its use case (recommenders); the items are deterministic: hashed from the ARN, the user and the item, so a test can predict them.
 * Each rule names its source; see simulator/emulator/runtime/README.md.
 */
export class PersonalizeRuntimeEmulator {
  /** The items GetRecommendations answers for this request when no fault applies. */
  static itemIdsFor(arn: string, request: { userId?: string; itemId?: string; numResults?: number }): string[] {
    const seed = `${arn}|${request.userId ?? ''}|${request.itemId ?? ''}`;
    return Array.from({ length: request.numResults ?? DEFAULT_RESULTS }, (_, i) =>
      `item-${createHash('sha256').update(`${seed}#${i}`).digest('hex').slice(0, 8)}`);
  }

  /** The actions GetActionRecommendations answers for this request when no fault applies. */
  static actionIdsFor(campaignArn: string, request: { userId?: string; numResults?: number }): string[] {
    const seed = `${campaignArn}|${request.userId ?? ''}|actions`;
    return Array.from({ length: request.numResults ?? DEFAULT_ACTION_RESULTS }, (_, i) =>
      `action-${createHash('sha256').update(`${seed}#${i}`).digest('hex').slice(0, 8)}`);
  }

  /** Every call, in order. */
  readonly calls: RuntimeCall[] = [];
  private readonly faults: RuntimeFault[] = [];

  constructor(private readonly personalize: PersonalizeEmulator) {}

  /** The next `times` calls (for `arn`, or any; every call when `times` is absent) answer an empty item list. */
  answerEmpty(options: { arn?: string; times?: number } = {}): this {
    this.faults.push({ arn: options.arn, times: options.times });
    return this;
  }

  /** The next `times` calls (for `arn`, or any; every call when `times` is absent) fail with this error. */
  failWith(name: RuntimeErrorName, options: { arn?: string; times?: number; message?: string } = {}): this {
    this.faults.push({ arn: options.arn, times: options.times, error: { name, message: options.message ?? (name === 'ThrottlingException' ? 'Rate exceeded' : `${name} (injected)`) } });
    return this;
  }

  /** Answers one call by operation name, camelCase in and out; errors are thrown as PersonalizeRuntimeError. */
  call(operation: string, request: Record<string, unknown> = {}): unknown {
    try {
      if (operation === 'GetActionRecommendations') {
        const actions = this.getActionRecommendations(request as GetActionRecommendationsRequest);
        this.calls.push({ operation, request, actionIds: actions.actionList.map((a) => a.actionId) });
        return actions;
      }
      if (operation !== 'GetRecommendations') {
        // Source: CommonErrors page (UnknownOperationException); the runtime's other operations are not emulated.
        throw new Error(`The runtime emulator does not answer ${operation}`);
      }
      const answer = this.getRecommendations(request as GetRecommendationsRequest);
      this.calls.push({ operation, request, itemIds: answer.itemList.map((i) => i.itemId) });
      return answer;
    } catch (error) {
      this.calls.push({ operation, request, error: (error as Error).name });
      throw error;
    }
  }

  private getRecommendations(r: GetRecommendationsRequest) {
    const invalid = (message: string) => new PersonalizeRuntimeError('InvalidInputException', message);
    // Source: API reference, GetRecommendations: campaignArn "for campaigns", recommenderArn "for recommenders";
    // both or neither is not documented: strict, InvalidInputException.
    if ((r.campaignArn === undefined) === (r.recommenderArn === undefined)) throw invalid('Provide either a campaignArn or a recommenderArn.');
    const numResults = r.numResults ?? DEFAULT_RESULTS;
    if (!Number.isInteger(numResults) || numResults < 1 || numResults > MAX_RESULTS) throw invalid(`numResults must be between 1 and ${MAX_RESULTS}, got: ${numResults}.`);
    for (const field of IDS) {
      const value = r[field];
      if (value !== undefined && (value.length === 0 || value.length > MAX_ID_LENGTH)) throw invalid(`${field} must be 1 to ${MAX_ID_LENGTH} characters.`);
    }
    const arn = (r.campaignArn ?? r.recommenderArn)!;
    // An injected error answers before anything is checked, as a throttled or failing front end would.
    const failure = this.takeFault(arn, true)?.error;
    if (failure) throw new PersonalizeRuntimeError(failure.name, failure.message);

    const state = this.personalize.servingState(arn);
    const kind = r.campaignArn ? 'campaign' : 'recommender';
    // Source: GetRecommendations Errors, ResourceNotFoundException: "The specified resource does not exist."
    if (!state || state.kind !== kind) throw new PersonalizeRuntimeError('ResourceNotFoundException', `Could not find ${kind} with ARN ${arn}.`);
    // Strict (docs silent on a campaign or recommender that is not ACTIVE, e.g. still being created or stopped):
    // refused with InvalidInputException; the pipeline calls only once it is ACTIVE, and fails on any error.
    if (state.status !== 'ACTIVE') throw invalid(`The ${kind} ${arn} is not ACTIVE (status: ${state.status}).`);
    // Source: GetRecommendations: "USER_PERSONALIZATION - userId required ... RELATED_ITEMS - itemId required";
    // PERSONALIZED_RANKING campaigns "use the GetPersonalizedRanking API" (strict: refused); Next-Best-Action
    // (PERSONALIZED_ACTIONS) campaigns answer GetActionRecommendations (source: GetActionRecommendations doc; strict: refused here).
    const recipe = recipeNameOf(state.recipeArn) ?? '';
    const type = RECIPES[recipe]?.type;
    if (type === 'PERSONALIZED_RANKING' || type === 'PERSONALIZED_ACTIONS' || type === 'USER_SEGMENTATION') {
      throw invalid(`The ${kind} ${arn} serves a ${type} recipe: GetRecommendations does not apply to it.`);
    }
    const useCase = kind === 'recommender' ? RECIPES[recipe]?.request : undefined;
    if (useCase) {
      // Source: VIDEO_ON_DEMAND-use-cases and ECOMMERCE-use-cases pages, "GetRecommendations requirements" per use case
      // (e.g. Because you watched X: userId and itemId Required; Most popular: userId Required, itemId Not used).
      // The service's message is not documented; an id the use case does not use is refused (strict: "Not used").
      for (const field of IDS) if (useCase[field] === 'REQUIRED' && r[field] === undefined) throw invalid(`${field} is required for ${arn} (use case ${recipe}).`);
      for (const field of IDS) if (useCase[field] === 'NOT_USED' && r[field] !== undefined) throw invalid(`${field} is not used by ${arn} (use case ${recipe}).`);
    } else {
      if (type === 'USER_PERSONALIZATION' && r.userId === undefined) throw invalid(`userId is required for ${arn} (USER_PERSONALIZATION).`);
      if (type === 'RELATED_ITEMS' && r.itemId === undefined) throw invalid(`itemId is required for ${arn} (RELATED_ITEMS).`);
    }

    const recommendationId = `RID-${createHash('sha256').update(`${arn}|${r.userId ?? ''}|${r.itemId ?? ''}`).digest('hex').slice(0, 12)}`;
    if (this.takeFault(arn, false)) return { itemList: [] as Array<{ itemId: string; score: number }>, recommendationId };
    const itemIds = PersonalizeRuntimeEmulator.itemIdsFor(arn, { ...r, numResults });
    // Scores: descending, as the service ranks them (source: PredictedItem.score, "The score of the recommended item").
    const score = (rank: number) => Math.round((1 - rank / (numResults + 1)) * 1e4) / 1e4;
    return { itemList: itemIds.map((itemId, i) => ({ itemId, score: score(i) })), recommendationId };
  }

  private getActionRecommendations(r: GetActionRecommendationsRequest) {
    const invalid = (message: string) => new PersonalizeRuntimeError('InvalidInputException', message);
    // Source: API reference, GetActionRecommendations: request campaignArn, userId, numResults, filterArn,
    // filterValues (no recommenderArn, no itemId: a member the model does not have is refused, strict).
    for (const field of ['recommenderArn', 'itemId']) {
      if ((r as Record<string, unknown>)[field] !== undefined) throw invalid(`GetActionRecommendations takes no ${field}.`);
    }
    // campaignArn: "Required: No" on the page, but there is nothing to answer from without it (strict).
    if (r.campaignArn === undefined) throw invalid('Provide a campaignArn.');
    const numResults = r.numResults ?? DEFAULT_ACTION_RESULTS;
    if (!Number.isInteger(numResults) || numResults < 1 || numResults > MAX_ACTION_RESULTS) throw invalid(`numResults must be between 1 and ${MAX_ACTION_RESULTS}, got: ${numResults}.`);
    if (r.userId !== undefined && (r.userId.length === 0 || r.userId.length > MAX_ID_LENGTH)) throw invalid(`userId must be 1 to ${MAX_ID_LENGTH} characters.`);
    const arn = r.campaignArn;
    const failure = this.takeFault(arn, true)?.error;
    if (failure) throw new PersonalizeRuntimeError(failure.name, failure.message);
    const state = this.personalize.servingState(arn);
    if (!state || state.kind !== 'campaign') throw new PersonalizeRuntimeError('ResourceNotFoundException', `Could not find campaign with ARN ${arn}.`);
    if (state.status !== 'ACTIVE') throw invalid(`The campaign ${arn} is not ACTIVE (status: ${state.status}).`);
    // Source: API reference, GetActionRecommendations, campaignArn: "This campaign must deploy a solution version
    // trained with a PERSONALIZED_ACTIONS recipe"; the error for another recipe is not documented (strict: InvalidInputException).
    const recipe = recipeNameOf(state.recipeArn) ?? '';
    if (RECIPES[recipe]?.type !== 'PERSONALIZED_ACTIONS') {
      throw invalid(`The campaign ${arn} serves a ${RECIPES[recipe]?.type ?? recipe} recipe: GetActionRecommendations needs a PERSONALIZED_ACTIONS recipe.`);
    }
    const recommendationId = `RID-${createHash('sha256').update(`${arn}|${r.userId ?? ''}|actions`).digest('hex').slice(0, 12)}`;
    if (this.takeFault(arn, false)) return { actionList: [] as Array<{ actionId: string; score: number }>, recommendationId };
    const actionIds = PersonalizeRuntimeEmulator.actionIdsFor(arn, { userId: r.userId, numResults });
    // Scores: descending (source: API reference, GetActionRecommendations: "sorted in descending order by prediction score").
    const score = (rank: number) => Math.round((1 - rank / (numResults + 1)) * 1e4) / 1e4;
    return { actionList: actionIds.map((actionId, i) => ({ actionId, score: score(i) })), recommendationId };
  }

  /** The first error fault (or empty-answer fault) for this ARN or any, used up once when counted. */
  private takeFault(arn: string, error: boolean): RuntimeFault | undefined {
    const fault = this.faults.find((f) => (f.error !== undefined) === error
      && (f.arn === undefined || f.arn === arn) && (f.times === undefined || f.times > 0));
    if (fault?.times !== undefined) fault.times--;
    return fault;
  }
}
