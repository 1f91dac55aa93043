import { Component } from 'react'
import { LoadFailed } from './LoadFailed.jsx'

/** What the page shows when @crux/react's hooks throw the instance's load error (a damaged store, a missing crux.wasm). */
export class LoadErrorBoundary extends Component {
  state = { error: undefined }

  static getDerivedStateFromError(error) {
    return { error }
  }

  render() {
    if (this.state.error === undefined) return this.props.children
    return (
      <main className="layout-single">
        <LoadFailed error={this.state.error} />
      </main>
    )
  }
}
