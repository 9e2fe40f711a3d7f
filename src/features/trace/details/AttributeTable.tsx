/**
 * Attributes as a key/value table. Values are React text nodes (never HTML); the type is shown
 * subtly beside each value; arrays and kvlists are expanded as nested lists.
 */
import type { Attribute, AttributeValue } from '../../../model/types';
import { formatValue, typeLabel } from './attributeFormat';

export function AttributeTable({ attributes, label }: { attributes: readonly Attribute[]; label: string }) {
  if (attributes.length === 0) return null;
  return (
    <table className="sd-attrs" aria-label={label}>
      <tbody>
        {attributes.map((attribute, i) => (
          <tr key={i}>
            <th scope="row" className="sd-key mono" title={attribute.key}>
              {attribute.key}
            </th>
            <td>
              <Value value={attribute.value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `bare`: the type is already named by the enclosing array (`int[]`), so it is not repeated. */
function Value({ value, bare = false }: { value: AttributeValue; bare?: boolean }) {
  const type = bare ? null : <span className="sd-type">{typeLabel(value)}</span>;
  if (value.type === 'array') {
    if (value.value.length === 0) return <span className="sd-value"><span className="mono">[]</span>{type}</span>;
    const homogeneous = typeLabel(value) !== 'array';
    return (
      <div className="sd-value">
        {type}
        <ol className="sd-nested" start={0}>
          {value.value.map((item, i) => (
            <li key={i}>
              <Value value={item} bare={homogeneous} />
            </li>
          ))}
        </ol>
      </div>
    );
  }
  if (value.type === 'kvlist') {
    if (value.value.length === 0) return <span className="sd-value"><span className="mono">{'{}'}</span>{type}</span>;
    return (
      <div className="sd-value">
        {type}
        <dl className="sd-nested sd-kv">
          {value.value.map((a, i) => (
            <div key={i}>
              <dt className="mono">{a.key}</dt>
              <dd>
                <Value value={a.value} />
              </dd>
            </div>
          ))}
        </dl>
      </div>
    );
  }
  const text = formatValue(value);
  return (
    <span className="sd-value">
      <span className={value.type === 'empty' ? 'muted' : `mono sd-${value.type}`}>{text}</span>
      {type}
    </span>
  );
}
