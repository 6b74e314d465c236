import { Lazy, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** The name a pseudo parameter gets in a definition (`${Partition}`); every other reference is `${R<n>}`. */
const PSEUDO_NAMES: Record<string, string> = {
  'AWS::Partition': 'Partition', 'AWS::Region': 'Region', 'AWS::AccountId': 'AccountId', 'AWS::URLSuffix': 'UrlSuffix',
};

/**
 * Writes each reference a state machine's definition makes (the partition in every task's Resource, the event bus, a
 * function's or a child state machine's ARN) once, in `DefinitionSubstitutions`, and leaves `${name}` in its place:
 * Step Functions' own way to share a value through a definition (Step Functions developer guide,
 * "AWS::StepFunctions::StateMachine DefinitionSubstitutions"). The definition stays one `DefinitionString` in the
 * template body, its states and names unchanged; a reference costs a few characters at each use instead of an
 * `Fn::Join` part (the partition alone appears in every task). The template resolver of the local runner applies the
 * same substitutions (simulator/runner/template-resolver.ts).
 * @internal
 */
export function substituteDefinitionReferences(machine: sfn.StateMachine): void {
  const cfn = machine.node.defaultChild as sfn.CfnStateMachine;
  const original = cfn.definitionString;
  const existing = cfn.definitionSubstitutions;
  let rendered: { definition: string; substitutions: Record<string, unknown> } | undefined;
  const render = () => {
    if (rendered) return rendered;
    const resolved = Stack.of(machine).resolve(original);
    const substitutions: Record<string, unknown> = { ...(Stack.of(machine).resolve(existing) ?? {}) };
    if (typeof resolved === 'string' || !Array.isArray(resolved?.['Fn::Join']?.[1]) || resolved['Fn::Join'][0] !== '') {
      rendered = { definition: resolved, substitutions };
      return rendered;
    }
    const names = new Map<string, string>();
    const definition = (resolved['Fn::Join'][1] as unknown[]).map((part) => {
      if (typeof part === 'string') return part;
      const key = JSON.stringify(part);
      let name = names.get(key);
      if (!name) {
        const ref = (part as { Ref?: string }).Ref;
        name = (ref && PSEUDO_NAMES[ref]) ?? `R${names.size}`;
        names.set(key, name);
        substitutions[name] = part;
      }
      return `\${${name}}`;
    }).join('');
    rendered = { definition, substitutions };
    return rendered;
  };
  cfn.definitionString = Lazy.string({ produce: () => render().definition });
  const substitutions = () => (Object.keys(render().substitutions).length > 0 ? render().substitutions : undefined);
  cfn.definitionSubstitutions = Lazy.any({ produce: substitutions }) as any;
}
