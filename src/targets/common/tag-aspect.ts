import { Fn, type IAspect, TerraformResource, Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The shape the generated bindings give every resource whose schema has a top-level `tags` map. */
interface Taggable {
  tags: unknown;
  readonly tagsInput: unknown;
}

function isTaggable(node: IConstruct): node is TerraformResource & Taggable {
  return node instanceof TerraformResource && 'tags' in node && 'tagsInput' in node;
}

/**
 * Puts the same tags on every resource of a stack that has a top-level `tags` argument.
 *
 * Why an aspect: azurerm has no provider-level `default_tags` (unlike aws) or `default_labels`
 * (unlike google), so each resource must carry the tags itself. Remembering that per resource is
 * how one gets forgotten; an aspect visits every construct at synthesis, so a resource added later
 * is tagged without anyone thinking of it. Use it with `Aspects.of(stack).add(new TagAspect(tags))`.
 *
 * Merging: tags a resource sets itself are kept, and the aspect's tags win on a shared key, so
 * cost-allocation and cleanup keys (cluster, owner, expiry) are the same everywhere. A resource whose
 * tags are a token (e.g. copied from another resource) gets `merge(<token>, <tags>)`.
 *
 * Nested tag maps (e.g. the AKS `default_node_pool.tags`) are not top-level arguments and are not
 * visited: set them where the block is built.
 *
 * Escape hatch: overrides are applied after aspects, so `resource.addOverride('tags.<key>', value)`
 * changes one tag of one resource (overrides deep-merge: they can change or add keys, not remove them).
 */
export class TagAspect implements IAspect {
  private readonly tags: Readonly<Record<string, string>>;

  constructor(tags: Readonly<Record<string, string>>) {
    this.tags = { ...tags };
  }

  public visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    const existing = node.tagsInput;
    if (existing === undefined || existing === null) {
      node.tags = { ...this.tags };
    } else if (Token.isUnresolved(existing)) {
      node.tags = Fn.merge([existing, { ...this.tags }]);
    } else {
      node.tags = { ...(existing as Record<string, string>), ...this.tags };
    }
  }
}
