import { createHash } from 'node:crypto';
import { IssueCodes, joinPointer, parsePointer, pointer, setOwn, type Issue, type PipelineDocument, type StageCatalog, type StageNode } from '@duto/model';
import { secretFieldPointers } from './secret-fields';
import type { SecretStore } from './secret-store';

interface SecretField {
  stage: StageNode;
  /** Where the field is in the document. */
  path: string;
  /** Where it is in the stage's config. */
  inConfig: string;
  value: unknown;
}

/** A pipeline names secrets that do not exist; `issues` says where. Names only, never values. */
export class MissingSecretsError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}

const MAX_NAME_LENGTH = 100;

/**
 * Secrets in pipeline documents. A stored document never holds a password or token: `seal`
 * moves each plain value of an `x-secret` field into the secret store and leaves a
 * `{ "secret": name }` reference; only `resolveSecrets`, for a runner or a preview, puts
 * the values back, in a copy that is never stored, returned or logged.
 */
export class PipelineSecrets {
  constructor(
    private readonly secrets: SecretStore,
    private readonly catalog: StageCatalog,
  ) {}

  /**
   * The document to store: plain secret values replaced by references to
   * `<pipelineId>.<stageId>.<field>`, a secret of this pipeline. A reference to another
   * pipeline's own secret (a duplicate, an import of an export) gets a copy of its own, so
   * that deleting the other pipeline, which deletes its secrets, leaves this one working.
   */
  seal(pipelineId: string, document: PipelineDocument): PipelineDocument {
    const sealed = structuredClone(document);
    for (const field of this.fields(sealed)) {
      const value = typeof field.value === 'string' ? field.value : this.otherPipelinesValue(pipelineId, field.value);
      if (value === undefined || value === '') continue;
      const name = ownedName(pipelineId, field.stage.id, field.inConfig);
      this.secrets.put(name, value, pipelineId);
      setAt(field.stage.config, field.inConfig, { secret: name });
    }
    return sealed;
  }

  private otherPipelinesValue(pipelineId: string, reference: unknown): string | undefined {
    const name = referencedName(reference);
    const owner = name === undefined ? undefined : this.secrets.owner(name);
    return owner === undefined || owner === null || owner === pipelineId ? undefined : this.secrets.value(name!);
  }

  /**
   * A copy of the document with every secret reference replaced by its value (plain values,
   * as an unsaved draft may have, are kept). For a runner or a preview only.
   */
  resolveSecrets(document: PipelineDocument): PipelineDocument {
    const missing = this.missing(document);
    if (missing.length > 0) throw new MissingSecretsError(missing);
    const resolved = structuredClone(document);
    for (const field of this.fields(resolved)) {
      const name = referencedName(field.value);
      if (name !== undefined) setAt(field.stage.config, field.inConfig, this.secrets.value(name)!);
    }
    return resolved;
  }

  /** An issue for every reference to a secret that does not exist. */
  missing(document: PipelineDocument): Issue[] {
    return this.fields(document).flatMap((field): Issue[] => {
      const name = referencedName(field.value);
      if (name === undefined || this.secrets.has(name)) return [];
      return [{ path: field.path, message: `names the secret "${name}", which does not exist; create it under Secrets`, code: IssueCodes.missingSecret, stageId: field.stage.id }];
    });
  }

  /** The names of the secrets the document refers to. */
  references(document: PipelineDocument): string[] {
    return this.fields(document).flatMap((field) => referencedName(field.value) ?? []);
  }

  private fields(document: PipelineDocument): SecretField[] {
    return document.stages.flatMap((stage, index) => {
      const definition = this.catalog.get(stage.type);
      if (!definition) return [];
      return secretFieldPointers(definition.configSchema, stage.config).map((inConfig) => ({
        stage,
        path: joinPointer(pointer('stages', index, 'config'), inConfig),
        inConfig,
        value: readAt(stage.config, inConfig),
      }));
    });
  }
}

function referencedName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const name = (value as { secret?: unknown }).secret;
  return typeof name === 'string' ? name : undefined;
}

/** A stable name per pipeline, stage and field, so that saving a new value replaces the old one. */
function ownedName(pipelineId: string, stageId: string, inConfig: string): string {
  const name = `${pipelineId}.${stageId}.${parsePointer(inConfig).join('.')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (name.length <= MAX_NAME_LENGTH) return name;
  return `${pipelineId}.${createHash('sha256').update(`${stageId}${inConfig}`).digest('hex').slice(0, 16)}`;
}

function readAt(config: Record<string, unknown>, at: string): unknown {
  let current: unknown = config;
  for (const token of parsePointer(at)) current = (current as Record<string, unknown>)[token];
  return current;
}

function setAt(config: Record<string, unknown>, at: string, value: unknown): void {
  const tokens = parsePointer(at);
  const parent = tokens.slice(0, -1).reduce<unknown>((node, token) => (node as Record<string, unknown>)[token], config);
  setOwn(parent as Record<string, unknown>, tokens.at(-1)!, value);
}
