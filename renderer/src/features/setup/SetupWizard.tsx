import { useState } from 'react';
import { Alert, Box, Button, Paper, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { CountyItem } from '../../../../shared/api/divisions';
import { CountyPicker } from './CountyPicker';
import { SetupReview } from './SetupReview';

const STEPS = ['选择本区（县）', '核对并载入'];

/** First run: choose the district, check what will be loaded, load it. */
export function SetupWizard() {
  const [county, setCounty] = useState<CountyItem | null>(null);
  const [step, setStep] = useState(0);
  const queryClient = useQueryClient();
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default', display: 'flex', justifyContent: 'center', alignItems: 'flex-start', py: 4 }}>
      <Paper variant="outlined" sx={{ width: 900, maxWidth: '95vw', p: 3 }}>
        <Stack spacing={2}>
          <Box>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
              欢迎使用基层党建台账
            </Typography>
            <Typography color="text.secondary">
              首次使用，请选择本部门所在的区（县）。程序将从内置的全国区划库（国家统计局统计用区划代码）载入其街道（镇）和村（社区），之后可随时手工修改或补充。
            </Typography>
          </Box>
          <Stepper activeStep={step}>
            {STEPS.map((label) => (
              <Step key={label}>
                <StepLabel>{label}</StepLabel>
              </Step>
            ))}
          </Stepper>
          {step === 0 && (
            <Stack spacing={2}>
              <CountyPicker value={county} onChange={setCounty} />
              {county && (
                <Alert severity="info" data-testid="chosen-county">
                  已选择：{county.fullName}（代码 {county.code}）
                </Alert>
              )}
              <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
                <Button variant="contained" disabled={!county} onClick={() => setStep(1)}>
                  下一步
                </Button>
              </Stack>
            </Stack>
          )}
          {step === 1 && county && (
            <SetupReview
              county={county}
              onBack={() => setStep(0)}
              onDone={() => {
                // after loading, the clerk checks and corrects the tree first
                window.location.hash = '#/units';
                void queryClient.invalidateQueries();
              }}
            />
          )}
        </Stack>
      </Paper>
    </Box>
  );
}
