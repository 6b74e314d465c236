import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { collectionOf, GROUP_MEMBER_KINDS } from './teardown-kinds';
import { StatusEvents } from '../steps/status-events';

/** The kinds whose names a config lists, as keys of `request.expected` (from the kind table). @internal */
export const EXPECTED_KEYS: readonly string[] = GROUP_MEMBER_KINDS.map(collectionOf);

/** `request.expected` from the config's names (JSONPaths) by key, every key of EXPECTED_KEYS present. */
function expectedFrom(paths: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(EXPECTED_KEYS.map((key) => (paths[key] ? [`${key}.$`, paths[key]] : [key, []])));
}

/**
 * Reads the tear-down's input, in one of two forms:
 *
 * - `{ "datasetGroupName": "...", "dryRun": false, "force": false }`: the whole dataset group;
 * - a pipeline config (with `dryRun` and `force` beside its keys): its dataset group, and the names it lists are
 *   the resources the tear-down expects to find there.
 *
 * `dryRun` and `force` are optional booleans (default false). Leaves `$.request`:
 * `{ datasetGroupName, dryRun, force, fromConfig, expected: { campaigns, recommenders, solutions, eventTrackers,
 * filters, datasets }, schemaNames }` (names; empty lists for the first form). Any other input ends in an
 * INVALID_INPUT event and an `InvalidTeardownInput` failure naming the field and the value. Sections the config
 * leaves out are read as empty: a definite path to a missing key is a run-time error in Step Functions (Step
 * Functions developer guide, "Using JSONPath paths"), so each section is filled with a default before it is read.
 * @internal
 */
export class ReadTeardownInput extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, events: StatusEvents) {
    super(scope, id);
    const keep = new sfn.Pass(this, 'Keep the input', {
      parameters: {
        'input.$': '$',
        'defaults': {
          dryRun: false, force: false, filters: [], solutions: [], recommenders: [], eventTracker: {}, datasetGroup: { datasets: [] },
        },
      },
    });
    const invalid = (label: string, cause: string) => new sfn.Pass(this, `Invalid: ${label}`, { parameters: { 'cause.$': cause }, resultPath: '$.invalid' }).next(reject);
    const reject = events.pipeline(this, 'Report invalid input', { status: 'TEARDOWN_INVALID_INPUT', cause: '$.invalid.cause' })
      .next(new sfn.Fail(this, 'Invalid input', { error: 'InvalidTeardownInput', causePath: '$.invalid.cause' }));

    const nameForm = new sfn.Pass(this, 'Read the dataset group name', {
      parameters: { 'merged.$': 'States.JsonMerge($.defaults, $.input, false)' }, resultPath: '$.read',
    }).next(new sfn.Pass(this, 'Tear down the whole group', {
      parameters: {
        'datasetGroupName.$': '$.read.merged.datasetGroupName',
        'dryRun.$': '$.read.merged.dryRun',
        'force.$': '$.read.merged.force',
        'fromConfig': false,
        'expected': Object.fromEntries(EXPECTED_KEYS.map((k) => [k, []])),
        'schemaNames': [],
      },
      resultPath: '$.request',
    }));

    const merged = '$.read.config';
    const configForm = new sfn.Pass(this, 'Fill config defaults', {
      parameters: { 'config.$': 'States.JsonMerge($.defaults, $.input, false)' }, resultPath: '$.read',
    }).next(new sfn.Pass(this, 'Fill dataset group defaults', {
      parameters: {
        'group.$': `States.JsonMerge($.defaults.datasetGroup, ${merged}.datasetGroup, false)`,
        'trackers.$': `States.Array(${merged}.eventTracker)`,
      },
      resultPath: '$.sections',
    })).next(new sfn.Pass(this, 'Tear down what the config names', {
      parameters: {
        'datasetGroupName.$': `${merged}.datasetGroup.serviceConfig.name`,
        'dryRun.$': `${merged}.dryRun`,
        'force.$': `${merged}.force`,
        'fromConfig': true,
        // Indefinite paths: a list of every name, empty when the section is. A kind the config cannot name is
        // expected nowhere: any one of it in the group is a resource the config does not name.
        'expected': expectedFrom({
          campaigns: `${merged}.solutions[*].campaigns[*].serviceConfig.name`,
          recommenders: `${merged}.recommenders[*].serviceConfig.name`,
          solutions: `${merged}.solutions[*].serviceConfig.name`,
          eventTrackers: '$.sections.trackers[*].serviceConfig.name',
          filters: `${merged}.filters[*].serviceConfig.name`,
          datasets: '$.sections.group.datasets[*].dataset.serviceConfig.name',
          // A deep scan: a list, empty when the config has no metric attribution.
          metricAttributions: '$.sections.group..metricAttribution.serviceConfig.name',
        }),
        'schemaNames.$': '$.sections.group.datasets[*].schema.serviceConfig.name',
      },
      resultPath: '$.request',
    }));

    const input = '$.input';
    const present = (field: string) => sfn.Condition.isPresent(`${input}.${field}`);
    // Nested choices: no type test reads a field the input left out.
    const config = new sfn.Choice(this, 'Dataset group name a string?')
      .when(sfn.Condition.isString(`${input}.datasetGroup.serviceConfig.name`), configForm)
      .otherwise(invalid('datasetGroup.serviceConfig.name',
        "States.Format('datasetGroup.serviceConfig.name must be a string, got: {}', States.JsonToString($.input.datasetGroup.serviceConfig.name))"));
    const name = new sfn.Choice(this, 'datasetGroupName a string?')
      .when(sfn.Condition.isString(`${input}.datasetGroupName`), nameForm)
      .otherwise(invalid('datasetGroupName', "States.Format('datasetGroupName must be a string, got: {}', States.JsonToString($.input.datasetGroupName))"));
    const form = new sfn.Choice(this, 'Which input form?')
      .when(sfn.Condition.and(present('datasetGroupName'), present('datasetGroup')),
        invalid('both forms', "States.Format('give either datasetGroupName or a pipeline config (datasetGroup.serviceConfig.name), not both, got: datasetGroupName {} and datasetGroup {}', States.JsonToString($.input.datasetGroupName), States.JsonToString($.input.datasetGroup))"))
      .when(present('datasetGroupName'), name)
      .when(present('datasetGroup.serviceConfig.name'), config)
      .otherwise(invalid('no dataset group',
        "States.Format('the input must name a dataset group: datasetGroupName (a string) or a pipeline config with datasetGroup.serviceConfig.name, got: {}', States.JsonToString($.input))"));
    const booleanFlag = (field: string, then: sfn.IChainable) => new sfn.Choice(this, `${field} given?`)
      .when(sfn.Condition.not(present(field)), then)
      .otherwise(new sfn.Choice(this, `${field} a boolean?`)
        .when(sfn.Condition.isBoolean(`${input}.${field}`), then)
        .otherwise(invalid(field, `States.Format('${field} must be true or false, got: {}', States.JsonToString($.input.${field}))`)));
    const flags = booleanFlag('dryRun', booleanFlag('force', form));
    keep.next(flags);
    this.startState = keep;
    this.endStates = [...nameForm.endStates, ...configForm.endStates];
  }
}
