import { CharterFields } from './CharterFields';
import type { FieldsProps } from './draft';
import { MemberFields } from './MemberFields';
import { ModelFields } from './ModelFields';
import { PollFields } from './PollFields';
import { RegisterFields } from './RegisterFields';
import { TransferFields } from './TransferFields';

/** The fields of the draft's kind, beneath its title and text. */
export const KindFields = (props: FieldsProps) => {
  switch (props.draft.kind) {
    case 'add-member':
    case 'remove-member':
      return <MemberFields {...props} />;
    case 'amend-charter':
      return <CharterFields {...props} />;
    case 'register-model':
      return <RegisterFields {...props} />;
    case 'add-version':
    case 'set-license':
    case 'approve-use':
    case 'retire-model':
      return <ModelFields {...props} />;
    case 'transfer-shares':
      return <TransferFields {...props} />;
    case 'poll':
      return <PollFields {...props} />;
    case 'resolution':
      return null;
  }
};
