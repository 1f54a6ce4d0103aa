/// Placeholder so the module builds; see the open issue for this module.
enum _DatasetsPlaceholder {}
