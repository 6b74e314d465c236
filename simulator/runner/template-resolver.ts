/** The account, region and partition a template is resolved for. */
export interface ResolveEnvironment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

type Template = { Resources: Record<string, { Type: string; Properties?: any; Metadata?: any }> };

const SERVICE_OF: Record<string, string> = {
  'AWS::StepFunctions::StateMachine': 'states',
  'AWS::Lambda::Function': 'lambda',
  'AWS::Events::EventBus': 'events',
  'AWS::IAM::Role': 'iam',
  'AWS::Logs::LogGroup': 'logs',
};

/**
 * Resolves the intrinsic functions CDK writes into a template (Fn::Join, Ref, Fn::GetAtt, Fn::Sub,
 * Fn::Select, Fn::Split) to plain values, giving each resource the physical name and ARN it would get
 * if its logical ID were its name.
 */
export class TemplateResolver {
  constructor(private readonly template: Template, private readonly env: ResolveEnvironment) {}

  /** The ARN a resource would have. */
  arnOf(logicalId: string): string {
    const { partition, region, account } = this.env;
    const type = this.template.Resources[logicalId]?.Type;
    switch (type) {
      case 'AWS::StepFunctions::StateMachine': return `arn:${partition}:states:${region}:${account}:stateMachine:${logicalId}`;
      case 'AWS::Lambda::Function': return `arn:${partition}:lambda:${region}:${account}:function:${logicalId}`;
      case 'AWS::Events::EventBus': return `arn:${partition}:events:${region}:${account}:event-bus/${logicalId}`;
      case 'AWS::IAM::Role': return `arn:${partition}:iam::${account}:role/${logicalId}`;
      case 'AWS::Logs::LogGroup': return `arn:${partition}:logs:${region}:${account}:log-group:${logicalId}:*`;
      default: return `arn:${partition}:${SERVICE_OF[type ?? ''] ?? 'unknown'}:${region}:${account}:${logicalId}`;
    }
  }

  /** What `Ref` gives for a resource or pseudo parameter. */
  ref(name: string): string {
    switch (name) {
      case 'AWS::Partition': return this.env.partition;
      case 'AWS::Region': return this.env.region;
      case 'AWS::AccountId': return this.env.account;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return 'LocalStack';
      default: {
        const type = this.template.Resources[name]?.Type;
        if (!type) throw new Error(`Ref to unknown resource ${name}`);
        return type === 'AWS::StepFunctions::StateMachine' ? this.arnOf(name) : name;
      }
    }
  }

  /** Resolves a template value. */
  /**
   * A state machine's definition: `DefinitionString` resolved, then each `${name}` of its `DefinitionSubstitutions`
   * replaced by its resolved value, as Step Functions does when it creates the state machine.
   */
  resolveDefinition(definitionString: unknown, substitutions?: Record<string, unknown>): string {
    const definition = String(this.resolve(definitionString));
    if (!substitutions) return definition;
    const values = this.resolve(substitutions) as Record<string, unknown>;
    return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }

  resolve(value: unknown): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, args] = entries[0] as [string, any];
      switch (fn) {
        case 'Ref': return this.ref(args);
        case 'Fn::GetAtt': {
          const [id, attribute] = Array.isArray(args) ? args : String(args).split('.');
          return attribute === 'Arn' ? this.arnOf(id) : id;
        }
        case 'Fn::Join': return (this.resolve(args[1]) as unknown[]).join(args[0]);
        case 'Fn::Select': return this.resolve(args[1])[Number(this.resolve(args[0]))];
        case 'Fn::Split': return String(this.resolve(args[1])).split(args[0]);
        case 'Fn::Sub': {
          const [text, vars] = Array.isArray(args) ? args : [args, {}];
          return String(text).replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
            if (vars && name in vars) return String(this.resolve(vars[name]));
            if (name.includes('.')) return this.resolve({ 'Fn::GetAtt': name });
            return this.ref(name);
          });
        }
        default: break;
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }
}
