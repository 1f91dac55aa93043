// Model output shown as text: the light markdown models write (headings, list items, **bold**)
// becomes React elements, so nothing a model says is ever interpreted as HTML.

function inline(text) {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
  )
}

function block(line, key, tail) {
  const heading = /^(#{1,3})\s+(.*)$/.exec(line)
  if (heading) return <div key={key} className={`md-h${heading[1].length}`}>{inline(heading[2])}{tail}</div>
  const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line)
  if (item) {
    return (
      <div key={key} className="md-item">
        <span className="md-marker">{item[2] === '*' || item[2] === '-' ? '•' : item[2]}</span>
        <span>{inline(item[3])}{tail}</span>
      </div>
    )
  }
  if (line.trim() === '') return <div key={key} className="md-gap">{tail}</div>
  return <div key={key} className="md-p">{inline(line)}{tail}</div>
}

/** `text` rendered as blocks; `children` (e.g. a streaming caret) end the last line. */
export function ModelText({ text, className = '', testId, children }) {
  const lines = text.split('\n')
  return (
    <div className={`model-text ${className}`} data-testid={testId}>
      {lines.map((line, i) => block(line, i, i === lines.length - 1 ? children : null))}
    </div>
  )
}
