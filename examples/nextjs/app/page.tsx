import { NewPlan, PlanList } from './ui'

export default function Home() {
  return (
    <main>
      <h1>Plans</h1>
      <NewPlan />
      <PlanList />
    </main>
  )
}
