// Model output shown as text: the light markdown models write (headings, list items, **bold**)
// becomes React elements, so nothing a model says is ever interpreted as HTML.

/**
 * `**bold**` runs as <strong>. In the line still being streamed, a `**` whose closing pair has not
 * arrived yet is shown bold already, and a lone trailing `*` (half of a `**`) is held back, so the
 * markers never flash on screen.
 */
function inline(text, streaming) {
  let shown = text
  let open = ''
  if (streaming) {
    if (/(^|[^*])\*$/.test(shown)) shown = shown.slice(0, -1)
    const pairs = shown.split('**').length - 1
    if (pairs % 2 === 1) {
      const at = shown.lastIndexOf('**')
      open = shown.slice(at + 2)
      shown = shown.slice(0, at)
    }
  }
  const parts = shown.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
  )
  if (open) parts.push(<strong key="open">{open}</strong>)
  return parts
}

function block(line, key, tail, streaming) {
  const heading = /^(#{1,3})\s+(.*)$/.exec(line)
  if (heading) return <div key={key} className={`md-h${heading[1].length}`}>{inline(heading[2], streaming)}{tail}</div>
  const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line)
  if (item) {
    return (
      <div key={key} className="md-item">
        <span className="md-marker">{item[2] === '*' || item[2] === '-' ? '•' : item[2]}</span>
        <span>{inline(item[3], streaming)}{tail}</span>
      </div>
    )
  }
  if (line.trim() === '') return <div key={key} className="md-gap">{tail}</div>
  return <div key={key} className="md-p">{inline(line, streaming)}{tail}</div>
}

/**
 * `text` rendered as blocks; `children` (e.g. a streaming caret) end the last line. `streaming`
 * says the text is still arriving, so its last line may hold half of a markdown marker.
 */
export function ModelText({ text, className = '', testId, streaming = false, children }) {
  const lines = text.split('\n')
  const last = lines.length - 1
  return (
    <div className={`model-text ${className}`} data-testid={testId} data-streaming={streaming || undefined}>
      {lines.map((line, i) => block(line, i, i === last ? children : null, streaming && i === last))}
    </div>
  )
}
