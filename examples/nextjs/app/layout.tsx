// A server component: CruxProvider comes from a 'use client' package, and `crux` from a
// 'use client' module, so both reach the browser as client references.
import type { ReactNode } from 'react'
import { CruxProvider } from '@crux/react'
import { crux } from './crux'

export const metadata = { title: 'Crux on Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <CruxProvider crux={crux}>{children}</CruxProvider>
      </body>
    </html>
  )
}
