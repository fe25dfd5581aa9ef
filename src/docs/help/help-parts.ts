import { MediaTypeSample } from '@/docs/samples/wire-samples';
import { Html, markup, prose } from './html';
import { ResourceModel } from './help-model';
import { MemberRow, TypeWord } from './type-words';

/** ASP.NET `ModelDescriptionLink`: `Collection of <a>AuditDataDTO</a>`, plain words for simple types. */
export function typeLink(type: TypeWord): Html {
  if (!type.model) return markup`${type.prefix}${type.text}`;
  const href = `/Help/ResourceModel?modelName=${encodeURIComponent(type.model)}`;
  return markup`${type.prefix}<a href="${href}">${type.text}</a>`;
}

function annotations(row: MemberRow): Html {
  if (row.annotations.length === 0) return markup`<p>None.</p>`;
  return markup`${row.annotations.map((annotation) => markup`<p>${annotation}</p>`)}`;
}

function parameterRow(row: MemberRow): Html {
  return markup`<tr>
<td class="parameter-name">${row.name}</td>
<td class="parameter-documentation"><p>${prose(row.description)}</p></td>
<td class="parameter-type">${typeLink(row.type)}</td>
<td class="parameter-annotations">${annotations(row)}</td>
</tr>
`;
}

/** ASP.NET `Parameters.cshtml`: Name / Description / Type / Additional information. */
export function parameterTable(rows: MemberRow[]): Html {
  if (rows.length === 0) return markup`<p>None.</p>`;
  return markup`<table class="help-page-table">
<thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead>
<tbody>
${rows.map(parameterRow)}</tbody>
</table>`;
}

/** A body or response resource: its type name, then its members. */
export function resource(model: ResourceModel | null): Html {
  if (!model) return markup`<p>None.</p>`;
  return markup`<p>${typeLink(model.type)}</p>
${parameterTable(model.rows)}`;
}

function sampleBlock(sample: MediaTypeSample): Html {
  const body =
    sample.text === null
      ? markup`<p>Sample not available.</p>`
      : markup`<pre class="wrapped">${sample.text}</pre>`;
  return markup`<h4 class="sample-header">${sample.mediaTypes.join(', ')}</h4>
<div class="sample-content" data-media-types="${sample.mediaTypes.join(' ')}">
<span><b>Sample:</b></span>
${sample.note ? markup`<p><i>${sample.note}</i></p>` : null}
${body}
</div>
`;
}

/** ASP.NET `Samples.cshtml`: one block per group of media types with identical samples. */
export function samples(list: MediaTypeSample[]): Html {
  return markup`${list.map(sampleBlock)}`;
}
