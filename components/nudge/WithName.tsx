import { Fragment } from 'preact';

const MAX_NAME = 40;

/**
 * The other party's display name as shown to the child: whitespace collapsed and clipped, since
 * the page controls it and a name can be any length. '' when there is nothing to show.
 */
export function partyName(party: string): string {
  const name = party.replace(/\s+/g, ' ').trim();
  const chars = Array.from(name);
  return chars.length > MAX_NAME ? `${chars.slice(0, MAX_NAME - 1).join('')}…` : name;
}

/**
 * A catalogue sentence with its `{name}` placeholder replaced by the name in a <bdi>, so a
 * right-to-left or mixed-script name cannot reorder the words around it.
 */
export function WithName({ template, name }: { template: string; name: string }) {
  const [first = '', ...rest] = template.split('{name}');
  return (
    <>
      {first}
      {rest.map((part, i) => (
        <Fragment key={i}>
          <bdi class="chp-name">{name}</bdi>
          {part}
        </Fragment>
      ))}
    </>
  );
}
