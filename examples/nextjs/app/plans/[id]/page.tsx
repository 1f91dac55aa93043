import { PlanView } from '../../ui'

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <PlanView planId={id} />
}
