/** A row of tabs (WAI-ARIA tabs pattern): each tab controls the panel `tabpanel-<id>`. */

export interface TabListProps<Id extends string> {
  readonly tabs: readonly { readonly id: Id; readonly label: string }[];
  readonly selected: Id;
  readonly onSelect: (id: Id) => void;
}

export function TabList<Id extends string>({ tabs, selected, onSelect }: TabListProps<Id>) {
  return (
    <div role="tablist" className="tabs">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={selected === t.id}
          aria-controls={`tabpanel-${t.id}`}
          className={selected === t.id ? "tab active" : "tab"}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
