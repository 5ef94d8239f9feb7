"""Writers: turn checked cables into reports (``report``) and other formats."""
