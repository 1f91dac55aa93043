import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  // Pre-bundling would move @crux/core away from its dist/crux.wasm (found with
  // new URL('../dist/crux.wasm', import.meta.url)), so the dev server serves it as is.
  optimizeDeps: { exclude: ['@crux/core'] },
  preview: { host: '127.0.0.1' },
})
